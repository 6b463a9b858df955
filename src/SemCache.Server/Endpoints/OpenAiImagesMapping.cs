using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SemCache.Core.Requests;

namespace SemCache.Server.Endpoints;

/// <summary>
/// Turns an OpenAI Images API body into the Pollinations-style parameters the <see cref="RequestParser"/> knows, so both
/// routes share keys, partitions and tiers: model → model, size "WxH" → width and height, and so on.
/// </summary>
internal static class OpenAiImagesMapping
{
    /// <summary>Semcache extensions accepted in the body, with the parameter each becomes.</summary>
    private static readonly string[] Extensions =
    [
        ParameterNames.Seed, ParameterNames.NegativePrompt, ParameterNames.GuidanceScale,
        ParameterNames.Enhance, ParameterNames.NoLogo, ParameterNames.Safe, ParameterNames.Transparent,
    ];

    internal sealed record Mapped(string Prompt, List<KeyValuePair<string, string>> Query, bool AsUrl);

    public static bool TryMap(JsonElement body, [NotNullWhen(true)] out Mapped? mapped, [NotNullWhen(false)] out RequestError? error)
    {
        mapped = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = new RequestError("The request body must be a JSON object.");
            return false;
        }

        string? prompt = null;
        var asUrl = true; // the Images API's default response_format
        var query = new List<KeyValuePair<string, string>>();
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue; // null means "not given" to OpenAI clients
            }

            var name = property.Name;
            switch (name)
            {
                case "prompt":
                    if (!TryString(value, name, out prompt, out error))
                    {
                        return false;
                    }

                    break;
                case "model":
                    if (!TryString(value, name, out var model, out error))
                    {
                        return false;
                    }

                    query.Add(new(ParameterNames.Model, model));
                    break;
                case "n":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n != 1)
                    {
                        error = new RequestError("semcache returns one image per request: 'n' must be 1.", name);
                        return false;
                    }

                    break;
                case "size":
                    if (!TryString(value, name, out var size, out error) || !TrySize(size, query, out error))
                    {
                        return false;
                    }

                    break;
                case "response_format":
                    if (!TryString(value, name, out var format, out error))
                    {
                        return false;
                    }

                    if (format is not ("url" or "b64_json"))
                    {
                        error = new RequestError("'response_format' must be 'url' or 'b64_json'.", name);
                        return false;
                    }

                    asUrl = format == "url";
                    break;
                case "quality":
                    if (!TryString(value, name, out var quality, out error))
                    {
                        return false;
                    }

                    // "standard" and "auto" are the API's defaults: the same request as no quality at all.
                    if (quality is not ("standard" or "auto"))
                    {
                        query.Add(new(ParameterNames.Quality, quality));
                    }

                    break;
                case "style":
                    if (!TryString(value, name, out var style, out error))
                    {
                        return false;
                    }

                    query.Add(new("style", style)); // forwarded and keyed: it changes the picture
                    break;
                case "user":
                    break; // identifies the end user to OpenAI; never changes the picture, never stored
                default:
                    if (!Extensions.Contains(name))
                    {
                        error = new RequestError($"Unrecognized request argument supplied: {name}", name);
                        return false;
                    }

                    if (!TryScalar(value, name, out var text, out error))
                    {
                        return false;
                    }

                    query.Add(new(name, text));
                    break;
            }
        }

        if (prompt is null)
        {
            error = new RequestError("Missing required parameter: 'prompt'.", "prompt");
            return false;
        }

        mapped = new Mapped(prompt, query, asUrl);
        error = null;
        return true;
    }

    /// <summary>The OpenAI parameter a parser error is about (width and height come from size).</summary>
    public static string? OpenAiParameter(string? parameter) => parameter switch
    {
        ParameterNames.Width or ParameterNames.Height => "size",
        _ => parameter,
    };

    private static bool TrySize(string size, List<KeyValuePair<string, string>> query, [NotNullWhen(false)] out RequestError? error)
    {
        error = null;
        if (size == "auto")
        {
            return true;
        }

        var x = size.IndexOf('x', StringComparison.Ordinal);
        if (x <= 0
            || !int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(size.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            error = new RequestError("'size' must be 'auto' or WIDTHxHEIGHT, such as '1024x1024'.", "size");
            return false;
        }

        query.Add(new(ParameterNames.Width, width.ToString(CultureInfo.InvariantCulture)));
        query.Add(new(ParameterNames.Height, height.ToString(CultureInfo.InvariantCulture)));
        return true;
    }

    private static bool TryString(JsonElement value, string name, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out RequestError? error)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            error = null;
            return true;
        }

        text = null;
        error = new RequestError($"'{name}' must be a string.", name);
        return false;
    }

    private static bool TryScalar(JsonElement value, string name, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out RequestError? error)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        error = text is null ? new RequestError($"'{name}' must be a string, a number or a boolean.", name) : null;
        return text is not null;
    }
}
