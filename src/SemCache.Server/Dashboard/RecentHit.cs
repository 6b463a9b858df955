namespace SemCache.Server.Dashboard;

/// <summary>One semantic hit as the dashboard's gallery shows it.</summary>
public sealed record RecentHit(DateTimeOffset At, string Prompt, string MatchedPrompt, float Similarity, string Sha256, string Partition, string PartitionDescription);
