using SemCache.Evaluation;
using SkiaSharp;

namespace SemCache.Cli.Commands;

/// <summary>A small PNG of recall and false-hit rate against the threshold, with the chosen threshold marked.</summary>
public static class CalibrationPlot
{
    public static void Write(string path, CalibrationResult result, CalibrationTarget target)
    {
        const int w = 900, h = 500, left = 60, right = 20, top = 30, bottom = 50;
        using var surface = SKSurface.Create(new SKImageInfo(w, h));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var lo = target.From;
        var hi = target.To;
        float X(float t) => left + ((t - lo) / (hi - lo) * (w - left - right));
        float Y(double v) => (float)(h - bottom - (v * (h - top - bottom)));
        canvas.DrawLine(left, h - bottom, w - right, h - bottom, axis);
        canvas.DrawLine(left, top, left, h - bottom, axis);
        for (var v = 0.0; v <= 1.0001; v += 0.25)
        {
            canvas.DrawText($"{v:P0}", 8, Y(v) + 4, SKTextAlign.Left, font, text);
        }

        for (var t = (float)Math.Ceiling(lo * 10) / 10; t <= hi; t += 0.1f)
        {
            canvas.DrawText($"{t:0.0}", X(t) - 10, h - bottom + 18, SKTextAlign.Left, font, text);
        }

        Line(canvas, result.Curve.Where(p => p.Recall is not null).Select(p => new SKPoint(X(p.Threshold), Y(p.Recall!.Value))), SKColors.SeaGreen);
        Line(canvas, result.Curve.Where(p => p.FalseHitRate is not null).Select(p => new SKPoint(X(p.Threshold), Y(p.FalseHitRate!.Value))), SKColors.Crimson);
        if (result.Best is { } best)
        {
            using var mark = new SKPaint { Color = SKColors.SteelBlue, StrokeWidth = 1, PathEffect = SKPathEffect.CreateDash([6, 4], 0) };
            canvas.DrawLine(X(best.Threshold), top, X(best.Threshold), h - bottom, mark);
            canvas.DrawText($"threshold {best.Threshold:0.000}", X(best.Threshold) + 4, top + 14, SKTextAlign.Left, font, text);
        }

        canvas.DrawText("recall (green) and false-hit rate (red) against the similarity threshold", left, h - 12, SKTextAlign.Left, font, text);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void Line(SKCanvas canvas, IEnumerable<SKPoint> points, SKColor color)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        SKPoint? previous = null;
        foreach (var p in points)
        {
            if (previous is { } from)
            {
                canvas.DrawLine(from, p, paint);
            }

            previous = p;
        }
    }
}
