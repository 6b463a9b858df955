namespace SemCache.Matching;

/// <summary>Quoted text is drawn into the image, so it must be identical (case and spelling included).</summary>
public sealed class QuotedTextGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.QuotedText, true, null);

    public string Name => GuardNames.QuotedText;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        var q = query.Quoted;
        var c = candidate.Quoted;
        var same = q.Length == c.Length;
        for (var i = 0; same && i < q.Length; i++)
        {
            same = string.Equals(q[i], c[i], StringComparison.Ordinal);
        }

        return same ? Pass : new GuardVerdict(Name, false, $"quoted text differs: [{string.Join(" | ", q)}] vs [{string.Join(" | ", c)}]");
    }
}
