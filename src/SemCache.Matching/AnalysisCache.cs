using System.Collections.Concurrent;

namespace SemCache.Matching;

/// <summary>
/// Analyses of recently seen prompts (stored candidates come back often). Bounded: when full it is simply cleared,
/// which keeps the hot path free of LRU bookkeeping; re-analysing a prompt costs microseconds.
/// </summary>
internal sealed class AnalysisCache(int capacity)
{
    private readonly ConcurrentDictionary<string, PromptAnalysis> _items = new(StringComparer.Ordinal);

    public PromptAnalysis Get(string prompt)
    {
        if (_items.TryGetValue(prompt, out var analysis))
        {
            return analysis;
        }

        analysis = PromptAnalysis.Analyze(prompt);
        if (_items.Count >= capacity)
        {
            _items.Clear();
        }

        _items.TryAdd(prompt, analysis);
        return analysis;
    }
}
