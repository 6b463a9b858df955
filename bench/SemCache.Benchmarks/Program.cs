using BenchmarkDotNet.Running;
using SemCache.Benchmarks;

if (args is [IndexMemory.Switch, ..])
{
    await IndexMemory.RunAsync();
    return 0;
}

if (args is [Int8Agreement.Switch, ..])
{
    return Int8Agreement.Run(args.Length > 1 ? args[1] : "datasets/workload/prompts.txt", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
