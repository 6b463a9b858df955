using SemCache.Backfill;

namespace SemCache.Tests.Backfill;

public sealed class PollinationsKeyTests
{
    private static KeyValuePair<string, string> P(string name, string value) => new(name, value);

    [Theory]
    [InlineData("a", "61")] // 97
    [InlineData("ab", "c21")] // 97 * 31 + 98 = 3105
    [InlineData("polygenelubricants", "80000000")] // Java's hashCode is int.MinValue; |h| does not fit an int
    [InlineData("/prompt/a%20cat", "4f3ce048")]
    public void Hash_is_the_java_string_hash_in_hex(string text, string expected) =>
        Assert.Equal(expected, PollinationsKey.Hash(text));

    [Fact]
    public void Encode_sorts_drops_form_encodes_and_replaces_separators()
    {
        var key = PollinationsKey.Encode(
            PollinationsKey.PromptPath("a cat"),
            [P("width", "512"), P("token", "secret"), P("negative_prompt", "blurry text"), P("nofeed", "true"), P("model", "flux")]);
        var full = "/prompt/a%20cat?model=flux&negative_prompt=blurry+text&width=512";
        Assert.Equal(full, PollinationsKey.PathAndSearch(PollinationsKey.PromptPath("a cat"), [P("width", "512"), P("model", "flux"), P("negative_prompt", "blurry text")]));
        Assert.Equal("_prompt_a%20cat_model_flux_negative_prompt_blurry+text_width_512-" + PollinationsKey.Hash(full), key);
    }

    [Theory]
    [InlineData("sunset_model_flux")]
    [InlineData("my_cat seed_42 width_100")]
    [InlineData("a fox, 4k (detailed) 'n' stuff!")]
    [InlineData("café au lait ☕ 🦊")]
    public void Decode_recovers_prompts_with_underscores_and_parameter_names(string prompt)
    {
        IReadOnlyList<KeyValuePair<string, string>> query = [P("model", "flux"), P("seed", "42"), P("width", "768"), P("negative_prompt", "no_text")];
        var key = PollinationsKey.Encode(PollinationsKey.PromptPath(prompt), query);

        Assert.True(PollinationsKey.TryDecode(key, out var decoded, out var parameters, out var reason), reason);
        Assert.Equal(prompt, decoded);
        Assert.Equal(query.OrderBy(p => p.Key, StringComparer.Ordinal), parameters);
    }

    [Fact]
    public void The_hash_tells_an_underscore_prompt_from_a_parameter()
    {
        // Same text before the hash: "_prompt_sunset_model_flux"; only the hash of the raw URL differs.
        var asPrompt = PollinationsKey.Encode(PollinationsKey.PromptPath("sunset_model_flux"), []);
        var asParameter = PollinationsKey.Encode(PollinationsKey.PromptPath("sunset"), [P("model", "flux")]);
        Assert.Equal("_prompt_sunset_model_flux-65128e34", asPrompt);
        Assert.Equal("_prompt_sunset_model_flux-3880576", asParameter);

        Assert.True(PollinationsKey.TryDecode(asPrompt, out var p1, out var q1, out _));
        Assert.Equal("sunset_model_flux", p1);
        Assert.Empty(q1);
        Assert.True(PollinationsKey.TryDecode(asParameter, out var p2, out var q2, out _));
        Assert.Equal("sunset", p2);
        Assert.Equal([P("model", "flux")], q2);
    }

    [Fact]
    public void Decode_accepts_paths_escaped_by_other_clients()
    {
        // Typed into a browser: the URL parser escapes the space but leaves the comma and the apostrophe.
        var key = PollinationsKey.Encode("/prompt/a%20fox,%20it's%20night", [P("seed", "7")]);
        Assert.True(PollinationsKey.TryDecode(key, out var prompt, out _, out var reason), reason);
        Assert.Equal("a fox, it's night", prompt);
    }

    [Fact]
    public void Truncated_keys_are_reported_not_guessed()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("a very long prompt about a lighthouse", 40));
        var key = PollinationsKey.Encode(PollinationsKey.PromptPath(prompt), [P("seed", "1")]);
        Assert.Equal(PollinationsKey.MaxBodyLength, key.LastIndexOf('-'));

        Assert.False(PollinationsKey.TryDecode(key, out _, out _, out var reason));
        Assert.Equal(PollinationsKey.Truncated, reason);
    }

    [Fact]
    public void A_body_of_exactly_990_characters_is_not_truncated()
    {
        var prompt = new string('x', PollinationsKey.MaxBodyLength - "_prompt_".Length);
        var key = PollinationsKey.Encode(PollinationsKey.PromptPath(prompt), []);
        Assert.True(PollinationsKey.TryDecode(key, out var decoded, out _, out _));
        Assert.Equal(prompt, decoded);
    }

    [Theory]
    [InlineData("_prompt_a%20cat_model_flux-deadbeef", PollinationsKey.Unverified)] // wrong hash
    [InlineData("_prompt_a%20cat_unknown_1-", PollinationsKey.NotAKey)]
    [InlineData("images/cat.png", PollinationsKey.NotAKey)]
    [InlineData("_prompt_a%ZZcat-61", PollinationsKey.Unverified)]
    public void Keys_that_do_not_verify_are_reported(string key, string expected)
    {
        Assert.False(PollinationsKey.TryDecode(key, out _, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void A_parameter_the_codec_does_not_know_fails_verification()
    {
        var key = PollinationsKey.Encode(PollinationsKey.PromptPath("a cat"), [P("style", "anime")]);
        Assert.False(PollinationsKey.TryDecode(key, out _, out _, out var reason));
        Assert.Equal(PollinationsKey.Unverified, reason);
    }
}
