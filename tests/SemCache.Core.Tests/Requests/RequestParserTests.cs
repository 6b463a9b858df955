using SemCache.Core.Requests;

namespace SemCache.Tests.Requests;

public sealed class RequestParserTests
{
    private static readonly RequestParser Parser = new(RequestLimits.Default);

    private static ImageRequest Parse(string target, RequestParser? parser = null)
    {
        Assert.True((parser ?? Parser).TryParseTarget(target, null, out var request, out var error), error?.Message);
        return request;
    }

    private static RequestError Reject(string target)
    {
        Assert.False(Parser.TryParseTarget(target, null, out _, out var error));
        return error;
    }

    [Fact]
    public void Defaults_are_applied_so_explicit_defaults_give_the_same_key()
    {
        var bare = Parse("/prompt/a%20cat");
        var explicitDefaults = Parse("/prompt/a%20cat?model=flux&width=1024&height=1024&seed=42&enhance=false&quality=medium");
        Assert.Equal(bare.Key, explicitDefaults.Key);
        Assert.Equal(bare.Partition, explicitDefaults.Partition);
        Assert.Equal(64, bare.Key.Length);
    }

    [Fact]
    public void The_prompt_is_NFC_normalised_and_white_space_is_folded()
    {
        var composed = Parse("/prompt/caf%C3%A9%20%20au%20lait%20");
        var decomposed = Parse("/prompt/cafe%CC%81%09au%20lait");
        Assert.Equal("café au lait", composed.CanonicalPrompt);
        Assert.Equal(composed.Key, decomposed.Key);
    }

    [Fact]
    public void Parameter_order_does_not_change_the_key()
    {
        Assert.Equal(Parse("/prompt/x?width=512&height=256").Key, Parse("/prompt/x?height=256&width=512").Key);
    }

    [Theory]
    [InlineData("token=abc")]
    [InlineData("referrer=site")]
    [InlineData("nofeed=true")]
    [InlineData("no-cache=true")]
    [InlineData("private=true")]
    [InlineData("api_key=k")]
    public void Parameters_that_never_change_pixels_are_not_keyed(string parameter)
    {
        Assert.Equal(Parse("/prompt/a%20cat").Key, Parse("/prompt/a%20cat?" + parameter).Key);
    }

    [Theory]
    [InlineData("model=turbo")]
    [InlineData("width=512")]
    [InlineData("seed=1")]
    [InlineData("negative_prompt=dark")]
    [InlineData("image=https%3A%2F%2Fa.example%2F1.png")]
    [InlineData("safe=true")]
    [InlineData("guidance_scale=7.5")]
    [InlineData("style=anime")]
    public void Picture_parameters_change_key_and_partition(string parameter)
    {
        var plain = Parse("/prompt/a%20cat");
        var changed = Parse("/prompt/a%20cat?" + parameter);
        Assert.NotEqual(plain.Key, changed.Key);
        Assert.NotEqual(plain.Partition, changed.Partition);
    }

    [Fact]
    public void The_prompt_changes_the_key_but_not_the_partition()
    {
        var a = Parse("/prompt/a%20cat");
        var b = Parse("/prompt/a%20dog");
        Assert.NotEqual(a.Key, b.Key);
        Assert.Equal(a.Partition, b.Partition);
    }

    [Fact]
    public void Seed_policy_ignore_leaves_the_seed_out_of_the_partition_only()
    {
        var ignore = new RequestParser(RequestLimits.Default with { SeedPolicy = SeedPolicy.Ignore });
        var a = Parse("/prompt/a%20cat?seed=1", ignore);
        var b = Parse("/prompt/a%20cat?seed=2", ignore);
        Assert.Equal(a.Partition, b.Partition);
        Assert.NotEqual(a.Key, b.Key);
        Assert.True(a.HasExplicitSeed);
        Assert.False(Parse("/prompt/a%20cat", ignore).HasExplicitSeed);
    }

    [Fact]
    public void Credentials_are_forwarded_but_kept_out_of_pixel_parameters()
    {
        var request = Parse("/prompt/a%20cat?token=s3cret&referrer=me&width=512");
        Assert.Contains(request.ForwardParameters, p => p.Key == "token" && p.Value == "s3cret");
        Assert.DoesNotContain(request.PixelParameters, p => p.Value.Contains("s3cret", StringComparison.Ordinal) || p.Key == "referrer");
        Assert.DoesNotContain("s3cret", request.PartitionDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/prompt/%ZZcat", "prompt")]
    [InlineData("/prompt/%C3%28", "prompt")]
    [InlineData("/prompt/%ED%A0%80", "prompt")]
    [InlineData("/prompt/cat%00", "prompt")]
    [InlineData("/prompt/cat%07bell", "prompt")]
    [InlineData("/prompt/%20%20", "prompt")]
    [InlineData("/prompt/cat?width=abc", "width")]
    [InlineData("/prompt/cat?width=100000", "width")]
    [InlineData("/prompt/cat?height=-5", "height")]
    [InlineData("/prompt/cat?seed=12x", "seed")]
    [InlineData("/prompt/cat?seed=1&seed=2", "seed")]
    [InlineData("/prompt/cat?enhance=maybe", "enhance")]
    [InlineData("/prompt/cat?quality=ultra", "quality")]
    [InlineData("/prompt/cat?image=file%3A%2F%2F%2Fetc%2Fpasswd", "image")]
    [InlineData("/prompt/cat?model=..%2F..%2Fetc", "model")]
    [InlineData("/prompt/cat?guidance_scale=NaN", "guidance_scale")]
    [InlineData("/prompt/cat?w%ZZ=1", "w%ZZ")]
    public void Bad_input_is_rejected_with_the_parameter_named(string target, string parameter)
    {
        Assert.Equal(parameter, Reject(target).Parameter);
    }

    [Fact]
    public void A_prompt_over_the_length_limit_is_rejected()
    {
        var error = Reject("/prompt/" + new string('a', 2001));
        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
        Assert.True(Parser.TryParseTarget("/prompt/" + new string('a', 2000), null, out _, out _));
    }

    [Fact]
    public void Tenants_get_their_own_keys_and_partitions()
    {
        Assert.True(Parser.TryParseTarget("/prompt/a%20cat", "tenant-a", out var a, out _));
        Assert.True(Parser.TryParseTarget("/prompt/a%20cat", "tenant-b", out var b, out _));
        Assert.NotEqual(a!.Key, b!.Key);
        Assert.NotEqual(a.Partition, b.Partition);
    }

    [Fact]
    public void Plus_in_the_query_is_a_space_but_in_the_path_it_is_a_plus()
    {
        var request = Parse("/prompt/1+1?negative_prompt=low+quality");
        Assert.Equal("1+1", request.CanonicalPrompt);
        Assert.Equal("low quality", request.GetParameter("negative_prompt"));
    }
}
