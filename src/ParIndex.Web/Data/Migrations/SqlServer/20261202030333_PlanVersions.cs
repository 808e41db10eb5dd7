using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlanVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_TargetYear",
                table: "Plans");

            migrationBuilder.AddColumn<string>(
                name: "ReplacementReason",
                table: "Plans",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplacesPlanId",
                table: "Plans",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Plans",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "Plans",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_ReplacesPlanId",
                table: "Plans",
                column: "ReplacesPlanId",
                unique: true,
                filter: "[ReplacesPlanId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_TargetYear_Revision",
                table: "Plans",
                columns: new[] { "TargetYear", "Revision" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Plans_Plans_ReplacesPlanId",
                table: "Plans",
                column: "ReplacesPlanId",
                principalTable: "Plans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Plans_Plans_ReplacesPlanId",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_Plans_ReplacesPlanId",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_Plans_TargetYear_Revision",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ReplacementReason",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ReplacesPlanId",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Plans");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_TargetYear",
                table: "Plans",
                column: "TargetYear",
                unique: true);
        }
    }
}
