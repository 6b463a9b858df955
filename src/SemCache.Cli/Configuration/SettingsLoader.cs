using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SemCache.Server.Hosting;

namespace SemCache.Cli.Configuration;

/// <summary>
/// Settings from, in rising precedence: defaults, appsettings.json (next to the program, then in the working
/// directory), SEMCACHE__* environment variables, command-line options.
/// </summary>
public static class SettingsLoader
{
    public const string EnvironmentPrefix = "SEMCACHE__";

    public static IConfiguration BuildConfiguration(IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides)
            .Build();

    /// <summary>Binds and validates; on failure returns null and one message per problem.</summary>
    public static SemCacheSettings? Load(IReadOnlyDictionary<string, string?> overrides, out IReadOnlyList<string> errors)
    {
        try
        {
            return SettingsBinder.Bind(BuildConfiguration(overrides), out errors);
        }
        catch (InvalidDataException ex)
        {
            errors = ["appsettings.json is not valid JSON: " + ex.Message + Where(ex)];
            return null;
        }
        catch (FormatException ex)
        {
            errors = ["appsettings.json is not valid JSON: " + ex.Message];
            return null;
        }
    }

    /// <summary>The outer messages name the file only; the JSON reader's exception, further in, knows the line.</summary>
    private static string Where(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException { LineNumber: { } line } json)
            {
                return $" The error is at line {line + 1}, byte {json.BytePositionInLine + 1 ?? 1}.";
            }
        }

        return string.Empty;
    }
}
