using SemCache.Core.Images;

namespace SemCache.Tests.Images;

public sealed class ImageFormatTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1 }, "image/gif")]
    public void Recognises_real_image_signatures(byte[] bytes, string expected) => Assert.Equal(expected, ImageFormat.Sniff(bytes));

    [Theory]
    [InlineData("<!DOCTYPE html><html>error</html>")]
    [InlineData("{\"error\":\"rate limited\"}")]
    [InlineData("")]
    [InlineData("\u0089PNG\r\n\u001a\n")]
    public void Rejects_text_even_when_it_imitates_a_signature(string text) =>
        Assert.Null(ImageFormat.Sniff(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("image/png", true)]
    [InlineData(" image/webp; q=1", true)]
    [InlineData("text/html; charset=utf-8", false)]
    [InlineData(null, false)]
    public void Checks_the_declared_media_type(string? contentType, bool expected) =>
        Assert.Equal(expected, ImageFormat.IsImageContentType(contentType));
}
