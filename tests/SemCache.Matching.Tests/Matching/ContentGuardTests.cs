using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class ContentGuardTests
{
    private readonly ContentGuard _guard = new();

    [Theory]
    [InlineData("tiny orange car", "tiny orange cat")]
    [InlineData("a photo of a chair", "a painting of a chair")]
    [InlineData("a photo of a fork", "a photo of a fork and a baseball glove")]
    [InlineData("a large clock on a building", "a small clock on a building")]
    [InlineData("una foto de un perro rojo", "una casa grande en la playa")]
    [InlineData("zombie eating insects, horror movie photograph", "zombie eating insects, horror movie oil painting")]
    public void A_word_on_one_side_only_fails(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a cat sitting on a couch", "a cat is sitting on the couch")]
    [InlineData("a photo of a bench", "a picture of a bench")]
    [InlineData("a man riding a horse", "A man rides the horse.")]
    [InlineData("a photo of a cat", "an image of a cat")]
    [InlineData("Portrait of a burly man, photography", "portrait of a burly man photography")]
    public void Paraphrases_pass(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
