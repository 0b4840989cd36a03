namespace Platform.Sdk.Testing;

/// <summary>
/// A lock shared by the test processes `dotnet test Platform.Sdk.sln` runs in parallel: an exclusively opened file.
/// Dispose the returned stream to release it (the file is deleted on close).
/// </summary>
public static class CrossProcessLock
{
    /// <summary>Waits (up to ten minutes) until no other process holds <paramref name="path"/>.</summary>
    public static async Task<FileStream> AcquireAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500);
            }
        }
    }
}
