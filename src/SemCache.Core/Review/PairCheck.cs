namespace SemCache.Core.Review;

/// <summary>One check's verdict as recorded (a guard or the verifier): name, whether it passed and why not.</summary>
public sealed record PairCheck(string Name, bool Passed, string? Reason);
