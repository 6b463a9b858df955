using SemCache.Matching;

namespace SemCache.Tests.Matching;

internal static class GuardAssert
{
    public static void Passes(IMatchGuard guard, string query, string candidate)
    {
        var verdict = guard.Check(PromptAnalysis.Analyze(query), PromptAnalysis.Analyze(candidate));
        Assert.True(verdict.Passed, $"{guard.Name} rejected '{query}' vs '{candidate}': {verdict.Reason}");
        Assert.Equal(guard.Name, verdict.Guard);
    }

    public static void Fails(IMatchGuard guard, string query, string candidate)
    {
        var verdict = guard.Check(PromptAnalysis.Analyze(query), PromptAnalysis.Analyze(candidate));
        Assert.False(verdict.Passed, $"{guard.Name} accepted '{query}' vs '{candidate}'");
        Assert.False(string.IsNullOrEmpty(verdict.Reason));
    }
}
