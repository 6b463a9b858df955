using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class NegationGuardTests
{
    private readonly NegationGuard _guard = new();

    [Theory]
    [InlineData("a pumpkin with a candle in it", "a pumpkin without a candle in it")]
    [InlineData("a street with no cars", "a street with cars")]
    [InlineData("a man not wearing a hat", "a man wearing a hat")]
    [InlineData("a room without a window", "a room without a door")]
    [InlineData("a dog that cannot swim", "a dog that can swim")]
    public void Negation_on_one_side_fails(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a street with no cars", "a street without cars")]
    [InlineData("a man who isn't smiling", "a man not smiling")]
    [InlineData("a dog that cannot swim", "a dog that can't swim")]
    [InlineData("a cat on a sofa", "a cat on a couch")]
    public void Same_negation_passes(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
