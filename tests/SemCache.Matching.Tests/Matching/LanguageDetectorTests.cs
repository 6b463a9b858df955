using SemCache.Matching.Language;

namespace SemCache.Tests.Matching;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("a photo of a red dog", "en")]
    [InlineData("cyberpunk city, neon, 8k", "en")]
    [InlineData("una foto de un perro rojo", "es")]
    [InlineData("¿Dónde está la biblioteca?", "es")]
    [InlineData("une photo d'un chien rouge", "fr")]
    [InlineData("ein Foto von einem roten Hund", "de")]
    [InlineData("一只在雪地里的红狐狸", "zh")]
    [InlineData("雪の中の赤いキツネ", "ja")]
    [InlineData("눈 속의 빨간 여우", "ko")]
    [InlineData("ثعلب أحمر في الثلج", "ar")]
    [InlineData("красная лиса в снегу", "ru")]
    [InlineData("🦊🌨️🔥", "und")]
    [InlineData("1234", "und")]
    public void Detects_language_or_script(string prompt, string expected) => Assert.Equal(expected, LanguageDetector.Detect(prompt));

    [Fact]
    public void A_short_latin_prompt_without_function_words_counts_as_english() =>
        Assert.Equal("en", LanguageDetector.Detect("sunset"));
}
