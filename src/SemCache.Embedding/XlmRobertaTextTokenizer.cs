using Microsoft.ML.Tokenizers;

namespace SemCache.Embedding;

/// <summary>
/// XLM-RoBERTa's SentencePiece vocabulary (bge-m3, multilingual-e5) as its Hugging Face tokenizer numbers it: the
/// fairseq layout puts &lt;s&gt; 0, &lt;pad&gt; 1, &lt;/s&gt; 2, &lt;unk&gt; 3 first and shifts every other piece by one.
/// </summary>
internal sealed class XlmRobertaTextTokenizer(SentencePieceTokenizer tokenizer) : ITextTokenizer
{
    private const int Bos = 0;
    private const int Pad = 1;
    private const int Eos = 2;
    private const int Unk = 3;
    private const int FairseqOffset = 1;

    public long PadId => Pad;

    public static XlmRobertaTextTokenizer FromModel(Stream sentencePieceModel) =>
        new(SentencePieceTokenizer.Create(sentencePieceModel, addBeginningOfSentence: false, addEndOfSentence: false));

    public IReadOnlyList<int> Encode(string text, int maxTokens)
    {
        var pieces = Pieces(text, Math.Max(0, maxTokens - 2));
        var ids = new List<int>(pieces.Count + 2) { Bos };
        foreach (var piece in pieces)
        {
            ids.Add(Map(piece));
        }

        ids.Add(Eos);
        return ids;
    }

    public double KnownTokenShare(string text)
    {
        var pieces = Pieces(text, int.MaxValue);
        var mapped = new int[pieces.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = Map(pieces[i]);
        }

        return UnknownTokens.KnownShare(mapped, Unk);
    }

    private IReadOnlyList<int> Pieces(string text, int max) =>
        tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false, max, out _, out _);

    private int Map(int pieceId) => pieceId == tokenizer.UnknownId ? Unk : pieceId + FairseqOffset;
}
