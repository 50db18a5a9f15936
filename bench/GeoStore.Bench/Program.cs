using GeoStore.Bench.Cli;

return await BenchCommand.Create().Parse(args).InvokeAsync();
