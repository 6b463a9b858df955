namespace SemCache.DictGen;

/// <summary>
/// One sense of a headword: its English glosses in dictionary order, how far down it should rank, and how much
/// evidence of use the dictionary gives it (<see cref="Weight"/>; <see cref="Scale"/> is its field label's factor).
/// </summary>
internal sealed record GlossSense(string Pos, int Penalty, int Order, IReadOnlyList<string> Glosses)
{
    public double Weight { get; init; } = 1;

    public double Scale { get; init; } = 1;

    /// <summary>The dictionary the sense comes from: each dictionary's evidence for a word sums to one vote.</summary>
    public string Source { get; init; } = "";
}
