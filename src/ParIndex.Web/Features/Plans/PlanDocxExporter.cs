using ParIndex.Documents.Word;

namespace ParIndex.Web.Features.Plans;

/// <summary>The plan as a Word document: the very document the PDF is drawn from (<see cref="PlanPdfExporter.Compose"/>).</summary>
public static class PlanDocxExporter
{
    public static byte[] Render(PlanExport plan) => DocxRenderer.Render(PlanPdfExporter.Compose(plan));
}
