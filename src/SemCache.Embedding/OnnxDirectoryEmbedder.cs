using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace SemCache.Embedding;

/// <summary>Loads a sentence-embedding ONNX model from a folder: model.onnx plus its tokenizer files.</summary>
public static class OnnxDirectoryEmbedder
{
    public const string ModelFile = "model.onnx";

    public static OnnxSentenceEmbedder Create(OnnxDirectoryOptions options)
    {
        var directory = FullDirectory(options);
        var modelPath = FindModel(directory);
        var tokenizerPath = TokenizerFiles.Locate(directory);
        var lowerCase = options.LowerCase ?? TokenizerFiles.DetectLowerCase(directory);
        var settings = new OnnxEmbedderOptions
        {
            ModelId = options.ModelId ?? DefaultModelId(options),
            Pooling = options.Pooling,
            Normalize = options.Normalize,
            MaxTokens = options.MaxTokens,
            LowerCase = lowerCase,
            Multilingual = options.Multilingual,
            PromptPrefix = options.PromptPrefix,
            IntraOpThreads = options.IntraOpThreads,
        };
        var tokenizer = TokenizerFiles.Load(tokenizerPath, lowerCase);
        InferenceSession session;
        try
        {
            session = OnnxSentenceEmbedder.OpenSession(o => new InferenceSession(modelPath, o), settings);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{modelPath}' is not a loadable ONNX model: {e.Message}", e);
        }

        return new OnnxSentenceEmbedder(session, tokenizer, settings);
    }

    /// <summary>
    /// "onnx:" + folder name + "@" + 12 hex digits of SHA-256 over the model, its external weights, the tokenizer file
    /// and the settings that change vectors, so replacing a file or switching pooling gives a new id.
    /// </summary>
    public static string DefaultModelId(OnnxDirectoryOptions options)
    {
        var directory = FullDirectory(options);
        var modelPath = FindModel(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var path in (string[])[modelPath, modelPath + "_data", TokenizerFiles.Locate(directory)])
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var file = File.OpenRead(path);
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        var lowerCase = options.LowerCase ?? TokenizerFiles.DetectLowerCase(directory);
        var settings = string.Create(
            CultureInfo.InvariantCulture,
            $"pooling={options.Pooling};normalize={options.Normalize};max={options.MaxTokens};lower={lowerCase};prefix={options.PromptPrefix}");
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        var digest = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        return $"onnx:{Path.GetFileName(directory)}@{digest}";
    }

    private static string FullDirectory(OnnxDirectoryOptions options)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Directory));
        return System.IO.Directory.Exists(directory)
            ? directory
            : throw new DirectoryNotFoundException($"Embedding model directory '{directory}' does not exist.");
    }

    /// <summary>model.onnx, or onnx/model.onnx as Hugging Face repositories lay out their ONNX exports.</summary>
    private static string FindModel(string directory)
    {
        var path = Path.Combine(directory, ModelFile);
        if (File.Exists(path))
        {
            return path;
        }

        var nested = Path.Combine(directory, "onnx", ModelFile);
        return File.Exists(nested)
            ? nested
            : throw new FileNotFoundException($"No {ModelFile} in '{directory}' (nor in its onnx/ folder).", path);
    }
}
