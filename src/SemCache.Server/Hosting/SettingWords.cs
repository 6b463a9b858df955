using Microsoft.Extensions.Configuration;
using SemCache.Core.Requests;

namespace SemCache.Server.Hosting;

/// <summary>Where the vectors live (setting "Index", option --index).</summary>
public enum IndexKind
{
    Embedded,
    Postgres,
}

/// <summary>Where the images live (setting "Store", option --store).</summary>
public enum StoreKind
{
    Files,
    S3,
}

/// <summary>The protocol of an HTTP origin (setting "OriginKind", option --origin-kind).</summary>
public enum OriginKind
{
    Pollinations,
    OpenAi,
}

/// <summary>
/// The words of the enum settings: read case-insensitively, printed in lowercase as the documentation writes them
/// (embedded, postgres, files, s3, pollinations, openai, partition, exact-only, ignore).
/// </summary>
public static class SettingWords
{
    /// <summary>The documented words that are not simply the lowercase name.</summary>
    private static readonly Dictionary<Enum, string> Spelled = new() { [SeedPolicy.ExactOnly] = "exact-only" };

    /// <summary>The word an operator writes and reads for <paramref name="value"/>.</summary>
    public static string Word<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Spelled.TryGetValue(value, out var word) ? word : value.ToString().ToLowerInvariant();

    /// <summary>
    /// Only the documented words (or the names, e.g. "exactonly"): the binder's own converter would also take numbers
    /// such as "1".
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.Word(), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"'embedded' or 'postgres'", "'partition', 'exact-only' or 'ignore'".</summary>
    public static string Choices<TEnum>()
        where TEnum : struct, Enum
    {
        var words = Enum.GetValues<TEnum>().Select(v => $"'{v.Word()}'").ToList();
        return words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " or " + words[^1];
    }

    /// <summary>
    /// Checks the enum settings of <paramref name="configuration"/> before it is bound and clears the unknown ones, so
    /// the binder keeps their defaults instead of stopping at the first: every problem is then reported at once.
    /// </summary>
    public static IReadOnlyList<string> CheckAndClear(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        Check<IndexKind>(configuration, nameof(SemCacheSettings.Index), errors);
        Check<StoreKind>(configuration, nameof(SemCacheSettings.Store), errors);
        Check<OriginKind>(configuration, nameof(SemCacheSettings.OriginKind), errors);
        Check<SeedPolicy>(configuration, nameof(SemCacheSettings.SeedPolicy), errors);
        return errors;
    }

    internal static string Unknown<TEnum>(string setting, string? text)
        where TEnum : struct, Enum => $"{setting}: '{text}' is unknown; use {Choices<TEnum>()}.";

    private static void Check<TEnum>(IConfiguration configuration, string key, List<string> errors)
        where TEnum : struct, Enum
    {
        var text = configuration[key];
        if (text is null)
        {
            return;
        }

        if (!TryParse<TEnum>(text, out var value))
        {
            errors.Add(Unknown<TEnum>(key, text));
            configuration[key] = null;
        }
        else
        {
            // The binder's converter would accept the word too; the canonical name spares it surrounding spaces.
            configuration[key] = value.ToString();
        }
    }
}
