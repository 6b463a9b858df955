using Microsoft.ML.Tokenizers;

namespace SemCache.Embedding;

/// <summary>BERT WordPiece (MiniLM, bge-*-en, e5-*-v2): [CLS] pieces [SEP], [PAD] = 0.</summary>
internal sealed class WordPieceTextTokenizer(BertTokenizer tokenizer) : ITextTokenizer
{
    public long PadId => tokenizer.PaddingTokenId;

    public static WordPieceTextTokenizer FromVocab(Stream vocab, bool lowerCase) =>
        new(BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = lowerCase }));

    public IReadOnlyList<int> Encode(string text, int maxTokens) =>
        tokenizer.EncodeToIds(text, maxTokens, addSpecialTokens: true, out _, out _);

    public double KnownTokenShare(string text)
    {
        var ids = tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        return UnknownTokens.KnownShare(ids, tokenizer.UnknownTokenId);
    }
}
