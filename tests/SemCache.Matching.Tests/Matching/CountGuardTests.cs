using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class CountGuardTests
{
    private readonly CountGuard _guard = new();

    [Theory]
    [InlineData("three dogs on a lawn", "two dogs on a lawn")]
    [InlineData("a photo of four apples", "a photo of 5 apples")]
    [InlineData("four cups and three boats", "three cups and four boats")]
    [InlineData("a dog in the snow", "dogs in the snow")]
    [InlineData("a pair of shoes", "three shoes")]
    [InlineData("a dozen eggs", "ten eggs")]
    [InlineData("a single skier on a slope", "several skiers on a slope")]
    [InlineData("serial number 123456789012345 on a plate", "serial number 123456789012346 on a plate")]
    public void Different_counts_fail(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("three dogs on a lawn", "3 dogs on a lawn")]
    [InlineData("a pair of shoes", "two shoes")]
    [InlineData("a dozen eggs", "12 eggs")]
    [InlineData("two cats and three birds", "three birds and two cats")]
    [InlineData("one dog", "a dog")]
    [InlineData("people walking", "people are walking")]
    public void Same_counts_pass(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
