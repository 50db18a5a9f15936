#!/usr/bin/env node
// Runs Azurite's table service in this process for the GeoStore AppHost:
//   node azurite-table-host.js <path of azurite-table> [Azurite options...]
// Azurite closes (and saves its database to --location) on SIGINT only; it saves just every
// 5 seconds otherwise, and SIGTERM or a vanished AppHost would end it on the spot. So this host
// takes over Azurite's SIGINT handler and closes Azurite:
// - on SIGTERM, which the AppHost sends once every silo has stopped;
// - once the AppHost (pid in GeoStore__ParentPid) is gone, even when it was killed outright, so no
//   Azurite is left holding its port and data folder;
// - on SIGINT only when no AppHost is watching. Ctrl+C in a terminal reaches every process at
//   once, and the silos must still reach their storage while they stop.
"use strict";

const fs = require("fs");

const CheckAppHostEveryMs = 1000;
const CloseDeadlineMs = 10000;

const [script, ...options] = process.argv.slice(2);
if (!script) {
  console.error("usage: node azurite-table-host.js <azurite-table script> [Azurite options...]");
  process.exit(2);
}

// Once the AppHost is gone, writing to its pipes fails (EPIPE); that must not stop the final save.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

const appHost = Number.parseInt(process.env.GeoStore__ParentPid ?? "", 10);
const watched = Number.isInteger(appHost) && appHost > 0;
let closeAzurite; // Azurite's own SIGINT handler, set once it serves
let closing = false;

function close(reason) {
  if (closing) {
    return;
  }

  closing = true;
  console.log(`Closing Azurite (${reason})`);
  setTimeout(() => {
    console.error(`Azurite did not close within ${CloseDeadlineMs} ms; exiting`);
    process.exit(1);
  }, CloseDeadlineMs).unref();
  if (closeAzurite) {
    closeAzurite("SIGINT");
  } else {
    process.exit(0); // not serving yet: nothing to save
  }
}

process.on("SIGTERM", () => close("SIGTERM"));
process.on("SIGINT", () => {
  if (!watched || !isAlive(appHost)) {
    close("SIGINT");
  }
});

const registerOnce = process.once;
process.once = function (event, listener) {
  if (this === process && event === "SIGINT") {
    closeAzurite = listener;
    process.once = registerOnce;
    return this;
  }

  return registerOnce.apply(this, arguments);
};

function parentPidNow() {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // not Linux
  }
}

const startedUnder = parentPidNow();

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code === "ESRCH") {
      return false;
    }
  }

  // A killed AppHost may linger as a zombie, but its children are re-parented at once.
  return !(startedUnder === pid && parentPidNow() !== pid);
}

if (watched) {
  setInterval(() => {
    if (!isAlive(appHost)) {
      close(`the AppHost, pid ${appHost}, is gone`);
    }
  }, CheckAppHostEveryMs).unref();
}

// Azurite reads its options from process.argv, as if it had been started itself.
process.argv = [process.argv[0], script, ...options];
require(fs.realpathSync(script));
