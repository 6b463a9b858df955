using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class RoleGuardTests
{
    private readonly RoleGuard _guard = new();

    [Theory]
    [InlineData("a tall tree and a short flower", "a short tree and a tall flower")]
    [InlineData("a dog chasing a cat", "a cat chasing a dog")]
    [InlineData("a city street with a rainbow in the background", "a rainbow with a city street in the background")]
    [InlineData("a metallic car and a glass bottle", "a glass car and a metallic bottle")]
    public void Swapped_roles_fail(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a tall tree and a short flower", "a short flower and a tall tree")]
    [InlineData("a photo of a red car and a blue bench", "a photo of a blue bench and a red car")]
    [InlineData("a bird left of a couch", "a couch right of a bird")]
    [InlineData("tiny orange car", "tiny orange cat")]
    public void Reordered_conjuncts_and_other_content_pass(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
