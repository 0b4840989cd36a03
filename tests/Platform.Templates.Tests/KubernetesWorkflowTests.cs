namespace Platform.Templates.Tests;

/// <summary>The platform-repo workflow publishes each service's image and Kubernetes manifests, validates them and keeps them.</summary>
public sealed class KubernetesWorkflowTests
{
    [Fact]
    public async Task The_repo_workflow_publishes_images_and_manifests_then_renders_and_uploads_them()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("workflow-k8s");
        var result = await templates.NewAsync(output, "platform-repo", "-n", "Workflow.Repo", "-o", output);
        Assert.True(result.Succeeded, result.ToString());

        var workflow = Workflow.Load(Path.Combine(output, ".github", "workflows", "ci.yml"));
        var names = workflow.Steps.Select(s => s.Name).ToList();

        var publish = Assert.Single(workflow.Steps, s => s.Name == "Publish images and Kubernetes manifests");
        Assert.Contains("-t:PublishContainer", publish.Run, StringComparison.Ordinal);
        Assert.Contains("-p:PlatformKubernetesOutputPath=$GITHUB_WORKSPACE/deploy/$name/", publish.Run, StringComparison.Ordinal);
        var validate = Assert.Single(workflow.Steps, s => s.Name == "Validate Kubernetes manifests");
        Assert.Contains("kubectl kustomize", validate.Run, StringComparison.Ordinal);
        var upload = Assert.Single(workflow.Steps, s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("deploy", upload.With["path"]);
        // Build and test first; publish after them, then validate.
        Assert.True(names.IndexOf("Test") < names.IndexOf(publish.Name) && names.IndexOf(publish.Name) < names.IndexOf(validate.Name), string.Join(", ", names));
    }
}
