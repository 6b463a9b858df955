namespace SemCache.Matching.Lexicon;

/// <summary>A differing word of the query paired with one of the candidate's, and how WordNet relates them.</summary>
public sealed record WordLink(string Query, string Candidate, WordRelation Relation)
{
    public bool Allowed => Relation.AllowsSubstitution();

    /// <summary>"small ~ tiny: similar-to" when the words may stand for each other, "cat ≠ dog: co-hyponym" when not.</summary>
    public override string ToString() => $"{Query} {(Allowed ? "~" : "≠")} {Candidate}: {Relation.Name()}";
}
