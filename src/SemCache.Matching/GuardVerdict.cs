namespace SemCache.Matching;

/// <summary>A guard's verdict on one candidate; <paramref name="Reason"/> says what differs when it fails.</summary>
public sealed record GuardVerdict(string Guard, bool Passed, string? Reason);
