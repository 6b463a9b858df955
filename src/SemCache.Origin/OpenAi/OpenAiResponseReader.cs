using System.Text.Json;
using SemCache.Core.Images;
using SemCache.Core.Origin;

namespace SemCache.Origin;

/// <summary>Turns a 2xx <c>images/generations</c> answer into the image it carries.</summary>
internal static class OpenAiResponseReader
{
    private const string Unknown = "application/octet-stream";

    public static OriginResponse ToImage(OriginResponse answer)
    {
        byte[] image;
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (!document.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array
                || data.GetArrayLength() == 0
                || !data[0].TryGetProperty("b64_json", out var encoded)
                || encoded.ValueKind != JsonValueKind.String
                || !encoded.TryGetBytesFromBase64(out var bytes)
                || bytes.Length == 0)
            {
                return OriginResponse.Failed(OriginFailure.Other, answer.Elapsed, "the answer has no data[0].b64_json image");
            }

            image = bytes;
        }
        catch (JsonException)
        {
            return OriginResponse.Failed(OriginFailure.Other, answer.Elapsed, "the answer is not JSON");
        }

        // The media type comes from the bytes: the JSON does not say, and a mislabelled body must not be cached.
        return new OriginResponse(answer.StatusCode, ImageFormat.Sniff(image) ?? Unknown, image, answer.Elapsed);
    }
}
