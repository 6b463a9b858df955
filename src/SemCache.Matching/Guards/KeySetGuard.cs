namespace SemCache.Matching;

/// <summary>Base of the guards that require one feature (a sorted key multiset) to be equal on both prompts.</summary>
public abstract class KeySetGuard : IMatchGuard
{
    private readonly GuardVerdict _passed;

    protected KeySetGuard(string name)
    {
        Name = name;
        _passed = new GuardVerdict(name, true, null);
    }

    public string Name { get; }

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        var q = Keys(query);
        var c = Keys(candidate);
        return SortedKeys.Equal(q, c) ? _passed : new GuardVerdict(Name, false, SortedKeys.Describe(q, c));
    }

    protected abstract string[] Keys(PromptAnalysis analysis);
}
