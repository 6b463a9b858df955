namespace SemCache.Core.Review;

/// <summary>A reviewer's judgement: may the candidate's image answer the query?</summary>
public sealed record PairLabel(bool Acceptable, string Reviewer, DateTimeOffset LabelledAt);
