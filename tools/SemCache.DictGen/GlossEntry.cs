namespace SemCache.DictGen;

/// <summary>One sense of a headword: its English glosses in dictionary order and how far down it should rank.</summary>
internal sealed record GlossSense(string Pos, int Penalty, int Order, IReadOnlyList<string> Glosses);
