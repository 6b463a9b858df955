namespace SemCache.Evaluation;

/// <summary>One row of a pairs file: may an image made for <paramref name="A"/> be served for <paramref name="B"/>?</summary>
/// <param name="Label">1: acceptable (positive); 0: must not be served (negative).</param>
public sealed record LabelledPair(string A, string B, int Label, string Category, string Lang, string Source)
{
    public bool IsPositive => Label == 1;
}
