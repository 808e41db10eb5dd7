using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlanTaskOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_PlanId_SortOrder_Id",
                table: "PlanTasks",
                columns: new[] { "PlanId", "SortOrder", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlanTasks_PlanId_SortOrder_Id",
                table: "PlanTasks");
        }
    }
}
