using Xunit.Sdk;
using Xunit.v3;

// Every test runs a whole geo-cluster of real processes (Azurite, silos, APIs); two at once on a
// small machine starve each other of CPU and miss their deadlines.
[assembly: Parallelization(Mode = ParallelMode.None)]
