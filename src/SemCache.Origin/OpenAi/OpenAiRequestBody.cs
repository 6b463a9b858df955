using System.Globalization;
using System.Text.Json;
using SemCache.Core.Requests;

namespace SemCache.Origin;

/// <summary>Writes the JSON body of <c>POST /v1/images/generations</c> for one request.</summary>
internal static class OpenAiRequestBody
{
    public static byte[] Create(ImageRequest request, OpenAiOriginOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model ?? request.GetParameter(ParameterNames.Model));
            json.WriteString("prompt", request.Prompt);
            json.WriteNumber("n", 1);
            json.WriteString("size", string.Create(
                CultureInfo.InvariantCulture,
                $"{request.GetParameter(ParameterNames.Width)}x{request.GetParameter(ParameterNames.Height)}"));
            json.WriteString("response_format", "b64_json");
            if (options.SendSeedAndNegativePrompt)
            {
                if (long.TryParse(request.Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                {
                    json.WriteNumber("seed", seed);
                }

                if (request.GetParameter(ParameterNames.NegativePrompt) is { } negative)
                {
                    json.WriteString("negative_prompt", negative);
                }
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
