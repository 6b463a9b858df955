using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class SpatialGuardTests
{
    private readonly SpatialGuard _guard = new();

    [Theory]
    [InlineData("a bird left of a couch", "a couch left of a bird")]
    [InlineData("a photo of a bear above a spoon", "a photo of a bear below a spoon")]
    [InlineData("a cat in front of a dog", "a dog in front of a cat")]
    [InlineData("a lamp on top of a table", "a lamp under a table")]
    [InlineData("a dog behind a fence", "a dog near a fence")]
    public void Swapped_arguments_or_flipped_relations_fail(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a bird left of a couch", "a couch right of a bird")]
    [InlineData("a photo of a cow below an airplane", "a photo of an airplane above a cow")]
    [InlineData("a rabbit on the top of a girl", "a girl on the bottom of a rabbit")]
    [InlineData("a cat in front of a dog", "a dog behind a cat")]
    [InlineData("a cat near a lamp", "a lamp near a cat")]
    [InlineData("a horse on side of a desk", "a desk on the side of a horse")]
    public void Converse_relations_pass(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
