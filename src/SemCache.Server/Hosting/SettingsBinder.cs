using Microsoft.Extensions.Configuration;

namespace SemCache.Server.Hosting;

/// <summary>
/// Binds <see cref="SemCacheSettings"/> from configuration: the sections of the origin, index and store straight onto
/// their own options classes, the word settings case-insensitively. Then validates everything at once.
/// </summary>
public static class SettingsBinder
{
    /// <summary>The settings, or null and one message per problem (each naming the setting).</summary>
    public static SemCacheSettings? Bind(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var wordErrors = SettingWords.CheckAndClear(configuration);
        SemCacheSettings settings;
        try
        {
            settings = configuration.Get<SemCacheSettings>() ?? new SemCacheSettings();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type; pass that on with the fix.
            errors = [.. wordErrors, ex.Message + " Check the value in appsettings.json, the SEMCACHE__ environment variable or the option."];
            return null;
        }

        errors = [.. wordErrors, .. settings.Validate()];
        return errors.Count == 0 ? settings : null;
    }
}
