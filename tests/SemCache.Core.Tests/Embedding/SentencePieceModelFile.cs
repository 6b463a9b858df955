namespace SemCache.Tests.Embedding;

/// <summary>
/// Writes a tiny SentencePiece unigram model (the protobuf of sentencepiece_model.proto) so the XLM-RoBERTa tokenizer
/// path can be tested without downloading a multilingual model.
/// </summary>
public static class SentencePieceModelFile
{
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Unigram = 1;

    /// <summary>Pieces in id order: &lt;unk&gt; 0, &lt;s&gt; 1, &lt;/s&gt; 2, then <paramref name="pieces"/> from 3.</summary>
    public static byte[] Create(params string[] pieces)
    {
        var model = new MemoryStream();
        Message(model, 1, Piece("<unk>", 0, Unknown));
        Message(model, 1, Piece("<s>", 0, Control));
        Message(model, 1, Piece("</s>", 0, Control));
        for (var i = 0; i < pieces.Length; i++)
        {
            Message(model, 1, Piece(pieces[i], -1 - (i * 0.1f), Normal));
        }

        var trainer = new MemoryStream();
        Varint(trainer, 3, Unigram);
        Varint(trainer, 4, (ulong)(pieces.Length + 3));
        Message(model, 2, trainer.ToArray());

        var normalizer = new MemoryStream();
        Bytes(normalizer, 1, "identity"u8.ToArray());
        Message(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    private static byte[] Piece(string piece, float score, int type)
    {
        var message = new MemoryStream();
        Bytes(message, 1, System.Text.Encoding.UTF8.GetBytes(piece));
        WriteRaw(message, (2 << 3) | 5);
        message.Write(BitConverter.GetBytes(score));
        Varint(message, 3, (ulong)type);
        return message.ToArray();
    }

    private static void Message(Stream s, int field, byte[] payload) => Bytes(s, field, payload);

    private static void Bytes(Stream s, int field, byte[] payload)
    {
        WriteRaw(s, (ulong)((field << 3) | 2));
        WriteRaw(s, (ulong)payload.Length);
        s.Write(payload);
    }

    private static void Varint(Stream s, int field, ulong value)
    {
        WriteRaw(s, (ulong)(field << 3));
        WriteRaw(s, value);
    }

    private static void WriteRaw(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }
}
