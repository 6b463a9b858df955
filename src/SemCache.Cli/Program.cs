using System.CommandLine;
using SemCache.Cli.Commands;

var root = new RootCommand("""
    semcache: a semantic cache in front of text-to-image APIs.

    Examples:
      semcache serve                                  # embedded store and index under ./data, demo origin
      semcache serve --origin https://image.pollinations.ai --port 9000
      semcache lookup "a red fox in the snow" --width 512 --height 512
      semcache eval --pairs datasets/pairs/dev-test.tsv --json
      semcache calibrate --pairs datasets/pairs/dev-tune.tsv --max-false-hit 0.01
      semcache bench --prompts datasets/workload/prompts.txt --limit 2000
    """)
{
    ServeCommand.Create(),
    LookupCommand.Create(),
    BenchCommand.Create(),
    EvalCommand.Create(),
    CalibrateCommand.Create(),
    MaintenanceCommands.Stats(),
    MaintenanceCommands.Purge(),
    MaintenanceCommands.Reindex(),
    VerifyCommand.Create(),
    MigrateCommand.Create(),
    BackfillCommand.Create(),
    LabelsCommand.Create(),
    QuantizeCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    return ParseErrorReport.Write(parse);
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (BackendFailure.Describe(ex) is { } message)
{
    return CliOutput.Fail(message);
}
catch (OperationCanceledException)
{
    // Ctrl+C during a command's work: stopped, as asked.
    return 130;
}
catch (Exception ex)
{
    // As System.CommandLine's own handler did: anything else is a bug, and its trace is what a report needs.
    Console.Error.WriteLine("Unhandled exception: " + ex);
    return CliOutput.Failure;
}
