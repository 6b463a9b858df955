using SemCache.Storage.S3;
using SemCache.Tests.Services;

namespace SemCache.Tests.S3;

/// <summary>Stops the shared S3 server, so it runs alone (see <see cref="ServiceFaultsCollection"/>).</summary>
[Collection(ServiceFaultsCollection.Name)]
public sealed class S3RecoveryTests(ServicesFixture services)
{
    [Fact]
    public async Task The_same_store_object_works_again_after_the_s3_server_restarts()
    {
        using var store = new S3ImageStore(services.S3Options(ServicesFixture.UniqueName("t") + "/"));
        var before = await store.PutBlobAsync(new byte[] { 1, 2, 3 }, "image/png");

        await ServiceScripts.S3Async("stop");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => store.GetBlobAsync(before));
            await Assert.ThrowsAnyAsync<Exception>(() => store.PutBlobAsync(new byte[] { 4 }, "image/png"));
        }
        finally
        {
            await ServiceScripts.S3Async("start");
        }

        var after = await store.PutBlobAsync(new byte[] { 5, 6 }, "image/png");
        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.GetBlobAsync(before))?.Bytes);
        Assert.True(await store.BlobExistsAsync(after));
    }
}
