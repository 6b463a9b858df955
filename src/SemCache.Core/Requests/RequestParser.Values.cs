using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SemCache.Core.Requests;

/// <summary>Validation and canonical form of each parameter's value.</summary>
public sealed partial class RequestParser
{
    private bool TryCanonicalValue(string name, string value, out string? canonical, [NotNullWhen(false)] out RequestError? error)
    {
        error = null;
        canonical = null;
        switch (name)
        {
            case ParameterNames.Width or ParameterNames.Height:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var dim)
                    || dim < Limits.MinDimension || dim > Limits.MaxDimension)
                {
                    error = new RequestError($"'{name}' must be a whole number from {Limits.MinDimension} to {Limits.MaxDimension}.", name);
                    return false;
                }

                canonical = dim.ToString(CultureInfo.InvariantCulture);
                return true;
            case ParameterNames.Seed:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                {
                    error = new RequestError("'seed' must be a whole number.", name);
                    return false;
                }

                canonical = seed.ToString(CultureInfo.InvariantCulture);
                return true;
            case ParameterNames.Model:
                canonical = value.Trim().ToLowerInvariant();
                if (canonical.Length is 0 or > 64
                    || !canonical.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/')
                    || canonical.Contains("..", StringComparison.Ordinal) || canonical[0] is '/' or '.')
                {
                    error = new RequestError("'model' must be 1 to 64 letters, digits or -_.:/ characters.", name);
                    return false;
                }

                return true;
            case ParameterNames.Quality:
                canonical = value.Trim().ToLowerInvariant();
                if (!ParameterNames.Qualities.Contains(canonical))
                {
                    error = new RequestError("'quality' must be one of low, medium, high, hd.", name);
                    return false;
                }

                return true;
            case ParameterNames.GuidanceScale:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var g)
                    || !double.IsFinite(g) || g < 0 || g > 100)
                {
                    error = new RequestError("'guidance_scale' must be a number from 0 to 100.", name);
                    return false;
                }

                canonical = g.ToString("R", CultureInfo.InvariantCulture);
                return true;
            case ParameterNames.NegativePrompt:
                canonical = PromptText.Canonicalize(value);
                if (canonical.Length == 0)
                {
                    canonical = null; // an empty negative prompt is the same request as none
                }

                return true;
            case ParameterNames.Image:
                return TryCanonicalImages(value, out canonical, out error);
            default:
                if (ParameterNames.Booleans.ContainsKey(name))
                {
                    var b = value.Trim().ToLowerInvariant();
                    canonical = b switch
                    {
                        "true" or "1" or "yes" or "" => "true",
                        "false" or "0" or "no" => "false",
                        _ => null,
                    };
                    if (canonical is null)
                    {
                        error = new RequestError($"'{name}' must be true or false.", name);
                        return false;
                    }

                    return true;
                }

                // Unknown parameters are forwarded and keyed: they may change the picture.
                canonical = PromptText.Canonicalize(value);
                return true;
        }
    }

    private static bool TryCanonicalImages(string value, out string? canonical, [NotNullWhen(false)] out RequestError? error)
    {
        canonical = null;
        error = null;
        var urls = new List<string>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Only checked, never fetched: the origin fetches source images, the cache does not (no SSRF).
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                error = new RequestError("'image' must be one or more absolute http(s) URLs separated by commas.", ParameterNames.Image);
                return false;
            }

            urls.Add(raw);
        }

        canonical = urls.Count == 0 ? null : string.Join(',', urls);
        return true;
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
