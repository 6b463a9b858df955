namespace SemCache.Embedding;

/// <summary>Turns a prompt into the model's input ids; one implementation per tokenizer family.</summary>
internal interface ITextTokenizer
{
    /// <summary>Id written into padded positions (BERT: 0, XLM-RoBERTa: 1).</summary>
    long PadId { get; }

    /// <summary>Ids with the model's start and end tokens, at most <paramref name="maxTokens"/> of them.</summary>
    IReadOnlyList<int> Encode(string text, int maxTokens);

    /// <summary>Share of the prompt's pieces that are not the unknown token (0 for an empty encoding).</summary>
    double KnownTokenShare(string text);
}
