using BenchmarkDotNet.Running;
using SemCache.Benchmarks;

if (args is [IndexMemory.Switch, ..])
{
    await IndexMemory.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
