using System.Text;
using System.Text.Json;

namespace SemCache.Embedding;

/// <summary>Finds and loads the tokenizer that sits next to a model.onnx.</summary>
internal static class TokenizerFiles
{
    public const string Vocab = "vocab.txt";
    public const string SentencePiece = "sentencepiece.bpe.model";
    public const string TokenizerJson = "tokenizer.json";

    /// <summary>The file to load, by preference; throws a message that names the files it looked for.</summary>
    public static string Locate(string directory)
    {
        foreach (var name in (string[])[Vocab, SentencePiece, TokenizerJson])
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"No tokenizer in '{directory}': expected {Vocab} (BERT WordPiece), {SentencePiece} (XLM-RoBERTa: bge-m3, "
            + $"multilingual-e5) or a {TokenizerJson} with a WordPiece model.",
            Path.Combine(directory, Vocab));
    }

    public static ITextTokenizer Load(string path, bool lowerCase)
    {
        using var stream = File.OpenRead(path);
        return Path.GetFileName(path) switch
        {
            Vocab => WordPieceTextTokenizer.FromVocab(stream, lowerCase),
            SentencePiece => XlmRobertaTextTokenizer.FromModel(stream),
            _ => WordPieceTextTokenizer.FromVocab(VocabFromTokenizerJson(stream, path), lowerCase),
        };
    }

    /// <summary>do_lower_case from tokenizer_config.json, else the BertNormalizer's lowercase in tokenizer.json, else true.</summary>
    public static bool DetectLowerCase(string directory)
    {
        var config = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(config) && ReadBool(config, root => root.TryGetProperty("do_lower_case", out var v) ? v : null) is { } fromConfig)
        {
            return fromConfig;
        }

        var json = Path.Combine(directory, TokenizerJson);
        if (File.Exists(json) && ReadBool(json, root =>
                root.TryGetProperty("normalizer", out var n) && n.ValueKind == JsonValueKind.Object && n.TryGetProperty("lowercase", out var v) ? v : null)
            is { } fromJson)
        {
            return fromJson;
        }

        return true;
    }

    private static bool? ReadBool(string path, Func<JsonElement, JsonElement?> pick)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return pick(doc.RootElement) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;
    }

    /// <summary>Rewrites a Hugging Face WordPiece tokenizer.json vocabulary as vocab.txt lines in id order.</summary>
    private static MemoryStream VocabFromTokenizerJson(Stream json, string path)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("model", out var model)
            || !model.TryGetProperty("type", out var type)
            || type.GetString() != "WordPiece"
            || !model.TryGetProperty("vocab", out var vocab)
            || vocab.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException(
                $"'{path}' is not a WordPiece tokenizer; Microsoft.ML.Tokenizers cannot load other tokenizer.json models. "
                + $"For XLM-RoBERTa models (bge-m3, multilingual-e5) put {SentencePiece} next to model.onnx.");
        }

        var tokens = new SortedDictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject())
        {
            tokens[entry.Value.GetInt32()] = entry.Name;
        }

        var text = new StringBuilder();
        var next = 0;
        foreach (var (id, token) in tokens)
        {
            // Gaps would shift every later id; fill them with pieces no text can produce.
            for (; next < id; next++)
            {
                text.Append("[semcache-gap-").Append(next).Append("]\n");
            }

            text.Append(token).Append('\n');
            next = id + 1;
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
