using System.Text.Json;
using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class OnnxDirectoryEmbedderTests(MiniLmFiles files) : IClassFixture<MiniLmFiles>
{
    private static readonly string[] Prompts =
    [
        "a red fox in the snow, oil painting",
        "tiny orange cat",
        "a much longer prompt about a lighthouse on a cliff at dusk with waves crashing below",
    ];

    [Fact]
    public void Mean_pooled_vectors_equal_the_shipped_MiniLM()
    {
        using var embedder = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = files.Directory });
        AssertSameVectors(SharedEmbedder.Instance.Embed(Prompts), embedder.Embed(Prompts));
        Assert.Equal(384, embedder.Dimensions);
        Assert.Equal(1.0, embedder.KnownTokenShare("a red fox"));
        Assert.True(embedder.KnownTokenShare("一只在雪地里的红狐狸") < 0.5);
    }

    [Fact]
    public void Cls_pooling_gives_other_unit_vectors_and_another_id()
    {
        var cls = new OnnxDirectoryOptions { Directory = files.Directory, Pooling = Pooling.Cls };
        using var embedder = OnnxDirectoryEmbedder.Create(cls);
        var mean = SharedEmbedder.Instance.Embed(Prompts);
        var pooled = embedder.Embed(Prompts);
        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(pooled[i], pooled[i])), 3);
            Assert.True(VectorMath.Dot(mean[i], pooled[i]) < 0.99f, $"prompt {i} barely changed");
        }

        Assert.NotEqual(OnnxDirectoryEmbedder.DefaultModelId(cls with { Pooling = Pooling.Mean }), embedder.EmbedderId);
    }

    [Fact]
    public void A_WordPiece_tokenizer_json_works_like_vocab_txt()
    {
        var folder = files.NewFolderWithModel("from-tokenizer-json");
        var vocab = File.ReadAllLines(files.VocabPath).Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id);
        var json = new { normalizer = new { type = "BertNormalizer", lowercase = true }, model = new { type = "WordPiece", unk_token = "[UNK]", vocab } };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(json));

        using var embedder = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = folder });
        AssertSameVectors(SharedEmbedder.Instance.Embed(Prompts), embedder.Embed(Prompts));
    }

    [Fact]
    public void A_missing_model_names_model_onnx()
    {
        var folder = Path.Combine(files.Root, "no-model");
        Directory.CreateDirectory(folder);
        File.Copy(files.VocabPath, Path.Combine(folder, "vocab.txt"));
        var error = Assert.Throws<FileNotFoundException>(() => OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = folder }));
        Assert.Contains("model.onnx", error.Message);
    }

    [Fact]
    public void A_missing_tokenizer_names_the_files_it_looked_for()
    {
        var folder = files.NewFolderWithModel("no-tokenizer");
        var error = Assert.Throws<FileNotFoundException>(() => OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = folder }));
        Assert.Contains("vocab.txt", error.Message);
        Assert.Contains("sentencepiece.bpe.model", error.Message);
    }

    [Fact]
    public void A_unigram_tokenizer_json_is_refused_with_the_fix()
    {
        var folder = files.NewFolderWithModel("unigram-json");
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), """{"model":{"type":"Unigram","vocab":[["<s>",0.0]]}}""");
        var error = Assert.Throws<NotSupportedException>(() => OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = folder }));
        Assert.Contains("sentencepiece.bpe.model", error.Message);
    }

    [Fact]
    public void The_default_id_follows_the_folder_name_and_the_model_bytes()
    {
        var same = files.NewFolderWithModel("all-MiniLM-L6-v2");
        File.Copy(files.VocabPath, Path.Combine(same, "vocab.txt"));
        var changed = Path.Combine(files.Root, "changed", "all-MiniLM-L6-v2");
        Directory.CreateDirectory(changed);
        File.Copy(files.VocabPath, Path.Combine(changed, "vocab.txt"));
        var bytes = File.ReadAllBytes(files.ModelPath);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(Path.Combine(changed, "model.onnx"), bytes);

        var original = OnnxDirectoryEmbedder.DefaultModelId(new OnnxDirectoryOptions { Directory = files.Directory });
        Assert.StartsWith("onnx:all-MiniLM-L6-v2@", original);
        Assert.Equal(original, OnnxDirectoryEmbedder.DefaultModelId(new OnnxDirectoryOptions { Directory = same }));
        Assert.NotEqual(original, OnnxDirectoryEmbedder.DefaultModelId(new OnnxDirectoryOptions { Directory = changed }));
    }

    [Fact]
    public void An_explicit_model_id_and_multilingual_flag_are_kept()
    {
        using var embedder = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions
        {
            Directory = files.Directory,
            ModelId = "my-model@v2",
            Multilingual = true,
        });
        Assert.Equal("my-model@v2", embedder.EmbedderId);
        Assert.True(embedder.IsMultilingual);
    }

    [Fact]
    public void A_prompt_prefix_is_embedded_in_front_of_every_prompt_and_changes_the_id()
    {
        var options = new OnnxDirectoryOptions { Directory = files.Directory, PromptPrefix = "query: " };
        using var embedder = OnnxDirectoryEmbedder.Create(options);

        AssertSameVectors(SharedEmbedder.Instance.Embed([.. Prompts.Select(p => "query: " + p)]), embedder.Embed(Prompts));
        Assert.NotEqual(OnnxDirectoryEmbedder.DefaultModelId(options with { PromptPrefix = null }), embedder.EmbedderId);
    }

    internal static void AssertSameVectors(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (var d = 0; d < expected[i].Length; d++)
            {
                Assert.Equal(expected[i][d], actual[i][d], 5);
            }
        }
    }
}
