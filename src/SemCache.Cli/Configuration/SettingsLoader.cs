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
            errors = ["appsettings.json is not valid JSON: " + ex.Message];
            return null;
        }
        catch (FormatException ex)
        {
            errors = ["appsettings.json is not valid JSON: " + ex.Message];
            return null;
        }
    }
}
