using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

/// <summary>
/// A folder with sentencepiece.bpe.model must number pieces the way XLM-RoBERTa does (&lt;s&gt; 0, &lt;pad&gt; 1,
/// &lt;/s&gt; 2, &lt;unk&gt; 3, pieces shifted by one). Checked by running the same ids through the MiniLM graph twice:
/// once from a hand-made SentencePiece model, once from a vocab.txt that puts the same words at the same ids.
/// </summary>
public sealed class XlmRobertaTokenizerTests(MiniLmFiles files) : IClassFixture<MiniLmFiles>
{
    [Fact]
    public void SentencePiece_ids_follow_the_fairseq_layout()
    {
        var spm = files.NewFolderWithModel("xlmr-like");
        File.WriteAllBytes(Path.Combine(spm, "sentencepiece.bpe.model"), SentencePieceModelFile.Create("▁a", "▁cat", "▁red", "▁dog", "s"));
        var bert = files.NewFolderWithModel("bert-same-ids");
        File.WriteAllLines(Path.Combine(bert, "vocab.txt"), ["[CLS]", "[PAD]", "[SEP]", "[UNK]", "a", "cat", "red", "dog", "##s", "[MASK]"]);

        using var fromSpm = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = spm, Multilingual = true });
        using var fromVocab = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = bert });
        string[] prompts = ["a red cat", "a red dog a cat", "a dog", "red cats"];

        OnnxDirectoryEmbedderTests.AssertSameVectors(fromVocab.Embed(prompts), fromSpm.Embed(prompts));
        Assert.True(fromSpm.IsMultilingual);
    }

    [Fact]
    public void Unknown_pieces_lower_the_known_share()
    {
        var spm = files.NewFolderWithModel("xlmr-coverage");
        File.WriteAllBytes(Path.Combine(spm, "sentencepiece.bpe.model"), SentencePieceModelFile.Create("▁a", "▁cat", "▁red"));
        using var embedder = OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions { Directory = spm });

        Assert.Equal(1.0, embedder.KnownTokenShare("a red cat"));
        Assert.InRange(embedder.KnownTokenShare("a red 猫"), 0.1, 0.9);
    }
}
