using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SemCache.Core.Requests;
using SkiaSharp;

namespace SemCache.Origin;

/// <summary>
/// Draws the demo picture: a background whose colours come from a hash of the canonical prompt and pixel parameters,
/// the prompt word-wrapped, and the parameters underneath. Everything drawn depends only on the request, and font
/// hinting and subpixel placement are off, so equal requests give byte-identical PNGs.
/// </summary>
internal static class DemoImageRenderer
{
    private const int DefaultSide = 1024;

    public static byte[] Render(ImageRequest request, int maxRenderSide)
    {
        var (requestedWidth, requestedHeight) = RequestedSize(request);
        var scale = Math.Min(1.0, (double)maxRenderSide / Math.Max(requestedWidth, requestedHeight));
        var width = Math.Max(1, (int)Math.Round(requestedWidth * scale));
        var height = Math.Max(1, (int)Math.Round(requestedHeight * scale));
        var hash = Hash(request);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create a drawing surface.");
        var canvas = surface.Canvas;
        DrawBackground(canvas, width, height, hash);
        DrawText(canvas, width, height, request, requestedWidth, requestedHeight);
        canvas.Flush();

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static (int Width, int Height) RequestedSize(ImageRequest request) =>
        (ParseSide(request.GetParameter(ParameterNames.Width)), ParseSide(request.GetParameter(ParameterNames.Height)));

    private static int ParseSide(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side > 0 ? side : DefaultSide;

    private static byte[] Hash(ImageRequest request)
    {
        var sb = new StringBuilder("semcache-demo-v1\n").Append(request.CanonicalPrompt).Append('\n');
        foreach (var (name, value) in request.PixelParameters)
        {
            sb.Append(name).Append('=').Append(value).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private static void DrawBackground(SKCanvas canvas, int width, int height, byte[] hash)
    {
        var hue = (hash[0] << 8 | hash[1]) % 360;
        var top = SKColor.FromHsv(hue, 55, 38);
        var bottom = SKColor.FromHsv((hue + 40 + hash[2] % 80) % 360, 60, 22);
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [top, bottom], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, width, height, paint);
        }

        // A few soft discs placed by the hash make neighbouring requests easy to tell apart at a glance.
        using var disc = new SKPaint { IsAntialias = true };
        var unit = Math.Min(width, height);
        for (var i = 0; i < 4; i++)
        {
            var b = hash.AsSpan(4 + (i * 4), 4);
            disc.Color = SKColor.FromHsv((hue + (b[3] % 120) + 120) % 360, 50, 70).WithAlpha(40);
            canvas.DrawCircle(width * b[0] / 255f, height * b[1] / 255f, unit * (0.1f + (b[2] / 255f * 0.35f)), disc);
        }
    }

    private static void DrawText(SKCanvas canvas, int width, int height, ImageRequest request, int requestedWidth, int requestedHeight)
    {
        var unit = Math.Min(width, height);
        var margin = Math.Max(2f, unit * 0.06f);
        var textWidth = Math.Max(1f, width - (2 * margin));
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.White };

        using var small = NewFont(Math.Max(6f, unit / 28f));
        var footer = new List<string>();
        foreach (var line in DescribeParameters(request, requestedWidth, requestedHeight, width, height))
        {
            footer.AddRange(TextWrapper.Wrap(line, small, textWidth));
        }

        var smallLine = small.Spacing;
        footer = TextWrapper.Truncate(footer, Math.Max(1, (int)((height * 0.4f) / smallLine)));
        var footerTop = height - margin - (footer.Count * smallLine);

        // The largest prompt size that fits above the parameters; past the smallest size the prompt is cut.
        using var big = NewFont(Math.Max(8f, unit / 11f));
        var available = Math.Max(0f, footerTop - margin - (small.Spacing * 0.5f));
        var lines = TextWrapper.Wrap(request.CanonicalPrompt, big, textWidth);
        while (lines.Count * big.Spacing > available && big.Size > 8f)
        {
            big.Size = Math.Max(8f, big.Size * 0.85f);
            lines = TextWrapper.Wrap(request.CanonicalPrompt, big, textWidth);
        }

        lines = TextWrapper.Truncate(lines, Math.Max(1, (int)(available / big.Spacing)));
        var y = margin - big.Metrics.Ascent;
        foreach (var line in lines)
        {
            canvas.DrawText(line, margin, y, SKTextAlign.Left, big, paint);
            y += big.Spacing;
        }

        paint.Color = SKColors.White.WithAlpha(210);
        y = footerTop - small.Metrics.Ascent;
        foreach (var line in footer)
        {
            canvas.DrawText(line, margin, y, SKTextAlign.Left, small, paint);
            y += smallLine;
        }
    }

    private static SKFont NewFont(float size) => new(DemoFont.Typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.None,
        Subpixel = false,
    };

    private static IEnumerable<string> DescribeParameters(ImageRequest request, int requestedWidth, int requestedHeight, int width, int height)
    {
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"{request.GetParameter(ParameterNames.Model)} · seed {request.Seed} · {requestedWidth}×{requestedHeight} (drawn {width}×{height})");
        var negative = request.GetParameter(ParameterNames.NegativePrompt);
        if (negative is not null)
        {
            yield return "negative: " + negative;
        }

        var rest = new StringBuilder();
        foreach (var (name, value) in request.PixelParameters)
        {
            if (name is ParameterNames.Model or ParameterNames.Seed or ParameterNames.Width or ParameterNames.Height or ParameterNames.NegativePrompt)
            {
                continue;
            }

            rest.Append(rest.Length == 0 ? string.Empty : " · ").Append(name).Append('=').Append(value);
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }

        yield return "semcache demo origin";
    }
}
