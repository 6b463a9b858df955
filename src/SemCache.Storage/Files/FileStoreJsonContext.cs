using System.Text.Json;
using System.Text.Json.Serialization;
using SemCache.Core.Storage;

namespace SemCache.Storage.Files;

/// <summary>Source-generated JSON for entry files: camelCase, and a missing or null required field is an error.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CacheEntry))]
internal sealed partial class FileStoreJsonContext : JsonSerializerContext;
