namespace SemCache.Matching;

/// <summary>
/// One rule checked after the nearest-neighbour search and before serving: something embeddings are known to miss.
/// Guards are stateless and thread-safe; they compare two precomputed analyses and allocate only to explain a failure.
/// </summary>
public interface IMatchGuard
{
    /// <summary>Stable name, used in explanations and in <see cref="MatchOptions.DisabledGuards"/>.</summary>
    string Name { get; }

    GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate);
}
