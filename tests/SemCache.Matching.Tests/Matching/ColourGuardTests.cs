using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class ColourGuardTests
{
    private readonly ColourGuard _guard = new();

    [Theory]
    [InlineData("a red car on a blue bench", "a blue car on a red bench")]
    [InlineData("a red car and a blue bench", "a blue car and a red bench")]
    [InlineData("a photo of a green clock", "a photo of a white clock")]
    [InlineData("a red car", "a car")]
    public void Changed_or_swapped_colours_fail(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a red car and a blue bench", "a blue bench and a red car")]
    [InlineData("a photo of an orange toaster", "a photo of a toaster that is orange")]
    [InlineData("a grey cat", "a gray cat")]
    [InlineData("two brown and white dogs", "two brown and white dogs running")]
    public void Same_colours_on_same_objects_pass(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
